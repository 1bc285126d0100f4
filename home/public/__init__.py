"""What visitors and search engines get besides pages: search, sitemap and robots.txt, the privacy
statement's facts. Kept apart from the models because none of it shapes the database."""
