from typing import List, Union


class Entity:
    """
    The base class for all entities.
    """
    def __init__(self, name: str):
        self.name = name


class Event:
    """
    The base class for all events.
    """
    def __init__(self, trigger: str):
        self.trigger = trigger


class Marriage(Event):
    """
    Description: Two people marry.
    Examples: "wife", "结婚"
    """
    def __init__(self, trigger: str, spouse: List[Entity] = [], place: List[Entity] = []):
        super().__init__(trigger=trigger)
        self.spouse = spouse
        self.place = place
