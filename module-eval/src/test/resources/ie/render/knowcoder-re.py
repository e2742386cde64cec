from typing import List, Union


class Entity:
    """
    The base class for all entities.
    """
    def __init__(self, name: str):
        self.name = name


class Relation:
    """
    The base class for all relations.
    """
    def __init__(self, head_entity: Entity, tail_entity: Entity):
        self.head_entity = head_entity
        self.tail_entity = tail_entity


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


class Organization(Entity):
    """
    Description: A company, an institution or a "group" of people.
    Examples: "Microsoft"
    """
    pass


class LocatedIn(Relation):
    """
    Description: The head entity is located in the tail location.
    """
    def __init__(self, head_entity: Union[Person, Organization], tail_entity: Location):
        super().__init__(head_entity=head_entity, tail_entity=tail_entity)
