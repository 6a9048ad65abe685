//! SCAFFOLD: the grounding exercise's records and rules.
