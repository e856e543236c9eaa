"""Import kinds: importing a module registers its importer (see ``base.register``)."""

from ocop.exchange.importers import base  # noqa: F401
