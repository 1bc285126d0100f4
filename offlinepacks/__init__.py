""""Für offline speichern" (issue 21): what a pack holds, with the true size of each file.

A pack is a working group's section, the directory or the calendar in one language. The endpoint
(``offlinepacks.views.pack_view``) lists every address the visitor's browser stores for it, and
``static/js/offline-save.js`` stores them in Cache Storage (the names agreed with the service worker).
"""
