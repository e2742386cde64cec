from dataclasses import dataclass
from typing import List, Union


@dataclass
class Entity:
    """The base class for all entities."""

    span: str


@dataclass
class Event:
    """The base class for all events."""

    mention: str


@dataclass
class Marriage(Event):
    """Two people marry."""

    mention: str  # The text span that triggers the event. Such as: "wife", "结婚"
    spouse: List[str]  # The spouse of the event
    place: List[str]  # The place of the event
