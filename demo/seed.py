"""The seed moved to ``operations.seed`` (production setup reads it); kept here for the demo's own imports."""

from operations.seed import SEED_FILE, WALDSHUT_LABEL, Seed, WorkingGroupSeed, load_seed, split_members, split_sentences

__all__ = ["SEED_FILE", "WALDSHUT_LABEL", "Seed", "WorkingGroupSeed", "load_seed", "split_members", "split_sentences"]
