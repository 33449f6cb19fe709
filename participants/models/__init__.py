"""The participant bases: people, mentees with their requests, mentors, training, consents."""

from participants.models.access_log import AccessLogEntry
from participants.models.consents import Consent
from participants.models.imports import ImportUpload
from participants.models.mentees import Mentee, MenteeRequest
from participants.models.mentors import Mentor
from participants.models.people import Person
from participants.models.training import Attendance, TrainingCourse, TrainingSession
from participants.models.vocabulary import MenteeCategory, Topic

__all__ = [
    "AccessLogEntry",
    "Attendance",
    "Consent",
    "ImportUpload",
    "Mentee",
    "MenteeCategory",
    "MenteeRequest",
    "Mentor",
    "Person",
    "Topic",
    "TrainingCourse",
    "TrainingSession",
]
