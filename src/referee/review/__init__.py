"""The reviewer's record: the review model, its file, anchoring, merging, the session."""
