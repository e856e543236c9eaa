"""Import kinds: importing a module registers its importer (see ``base.register``)."""

import importlib

from ocop.exchange.importers import base, producers, products  # noqa: F401

# The list importers (helper D2's), registered once their modules are present.
for _name in ("recognitions", "activities"):
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{_name}":
            raise
