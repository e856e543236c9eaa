"""Shared helpers only: Vietnamese text folding, base model mixins, errors, base templates."""
