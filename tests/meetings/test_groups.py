"""The one mapping from person categories to headcount groups (api/meetings/groups.py)."""

from api.meetings.groups import GROUP_OF
from api.meetings.schemas import HeadcountCategory
from api.people.schemas import PersonCategory


def test_every_category_has_one_group_and_every_group_but_none_is_reached() -> None:
    assert set(GROUP_OF) == set(PersonCategory)
    assert set(GROUP_OF.values()) == set(HeadcountCategory)


def test_the_categories_that_share_a_name_with_a_group_map_to_it() -> None:
    for category in PersonCategory:
        if category.value in HeadcountCategory.__members__:
            assert GROUP_OF[category] == HeadcountCategory(category.value)
