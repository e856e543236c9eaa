"""Registry of OCOP producers (chủ thể) and their products, with the product taxonomy."""
