"""Users, their roles and the administrative unit each officer's access is scoped to."""
