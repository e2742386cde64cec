from dataclasses import dataclass
from typing import List, Union


@dataclass
class Entity:
    """The base class for all entities."""

    span: str


@dataclass
class Relation:
    """The base class for all relations."""

    arg1: str
    arg2: str


@dataclass
class Person(Entity):
    """A human being, alive or dead, real or fictional."""

    span: str  # Such as: "Larry Takis", "奥巴马"


@dataclass
class Location(Entity):
    """A geographical place: a country, a city, a region."""

    span: str  # Such as: "Beijing", "杭州"


@dataclass
class Organization(Entity):
    """A company, an institution or a "group" of people."""

    span: str  # Such as: "Microsoft"


@dataclass
class LocatedIn(Relation):
    """The head entity is located in the tail location."""

    arg1: str  # The head entity: Person or Organization
    arg2: str  # The tail entity: Location
