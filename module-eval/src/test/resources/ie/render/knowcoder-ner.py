from typing import List, Union


class Entity:
    """
    The base class for all entities.
    """
    def __init__(self, name: str):
        self.name = name


class Person(Entity):
    """
    Description: A human being, alive or dead, real or fictional.
    Examples: "Larry Takis", "奥巴马"
    """
    pass


class Location(Entity):
    """
    Description: A geographical place: a country, a city, a region.
    Examples: "Beijing", "杭州"
    """
    pass


class City(Location):
    """
    Description: A large town.
    """
    pass


class Organization(Entity):
    """
    Description: A company, an institution or a "group" of people.
    Examples: "Microsoft"
    """
    pass
