"""Networks and projects (networks.py) and, in later modules, what they publish."""

from .networks import NetworkIndexPage, NetworkOutput, NetworkPage, NetworkPageQuerySet

__all__ = ["NetworkIndexPage", "NetworkOutput", "NetworkPage", "NetworkPageQuerySet"]
