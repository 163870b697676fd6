"""The one mapping from a person's category (named attendance) to the broad groups an event's
headcount uses ("140 professionnels, 13 étudiants…"), so that figures of events with and
without names add up. Documented in the README; tests/meetings/test_groups.py checks every
category has its group."""

from collections.abc import Mapping

from api.meetings.schemas import HeadcountCategory as Group
from api.people.schemas import PersonCategory as Category

GROUP_OF: Mapping[Category, Group] = {
    Category.person_supported: Group.person_supported,
    # The professions of social work, their managers and the partner institutions' staff are
    # the "professionnels" of event reports.
    Category.social_worker: Group.professional,
    Category.manager: Group.professional,
    Category.institutional_partner: Group.professional,
    Category.elected_official: Group.elected_official,
    Category.student: Group.student,
    Category.volunteer: Group.volunteer,
    # Trainers and researchers come to events as experts: "personnes ressources".
    Category.trainer_researcher: Group.resource_person,
    Category.other: Group.other,
}
