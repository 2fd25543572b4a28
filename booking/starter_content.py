"""Fictional counselors and offerings so that a new site has something to book."""

import recurrence
from django.utils import timezone

from booking.models import Audience, Counselor, Offering, OfferingKind, Schedule

COUNSELORS = [
    {
        "name": "Ratna Wulandari, S.Pd.",
        "role": "Konselor BK",
        "role_en": "School counselor",
        "qualifications": "S.Pd. Bimbingan dan Konseling",
        "qualifications_en": "Bachelor of Education in Guidance & Counseling",
        "bio": "Sudah sepuluh tahun mendampingi siswa SMP dan SMA. Senang mendengarkan sambil minum teh.",
        "bio_en": "Has supported secondary school students for ten years. Likes to listen over a cup of tea.",
        "languages": "Bahasa Indonesia, English",
    },
    {
        "name": "Dimas Prasetyo, M.Psi., Psikolog",
        "role": "Psikolog",
        "role_en": "Psychologist",
        "qualifications": "Psikolog klinis dengan STR dan SIPP",
        "qualifications_en": "Clinical psychologist, registered (STR) and licensed to practise (SIPP)",
        "bio": "Mendampingi remaja dan keluarga yang sedang melewati masa sulit.",
        "bio_en": "Works with young people and families going through hard times.",
        "languages": "Bahasa Indonesia",
    },
    {
        "name": "Sari Handayani, S.Psi.",
        "role": "Fasilitator psikososial",
        "role_en": "Psychosocial facilitator",
        "qualifications": "S.Psi., terlatih dalam dukungan psikososial pasca-bencana",
        "qualifications_en": "Psychology graduate, trained in post-disaster psychosocial support",
        "bio": "Memfasilitasi kelompok dukungan untuk keluarga dan komunitas.",
        "bio_en": "Runs support groups for families and communities.",
        "languages": "Bahasa Indonesia, Basa Jawa",
    },
]

WEEKLY = recurrence.WEEKLY

OFFERINGS = [
    {
        "service": "counseling",
        "counselor": 0,
        "fields": {
            "slug": "konseling-individu",
            "kind": OfferingKind.INDIVIDUAL,
            "title": "Konseling individu",
            "title_en": "One-to-one counseling",
            "description": "Bicara empat mata dengan konselor sekolah tentang apa pun yang sedang kamu pikirkan.",
            "description_en": "Talk one-to-one with the school counselor about anything on your mind.",
            "audience": Audience.STUDENTS,
            "duration_minutes": 45,
            "places_per_session": 1,
            "location": "Gedung B, ruang 2",
            "location_en": "Building B, room 2",
        },
        "rule": recurrence.Rule(WEEKLY, byday=[recurrence.MO, recurrence.WE, recurrence.FR]),
        "start": "13:00",
        "end": "15:15",
    },
    {
        "service": "counseling",
        "counselor": 1,
        "fields": {
            "slug": "kelompok-keterampilan-sosial",
            "kind": OfferingKind.GROUP,
            "title": "Kelompok keterampilan sosial",
            "title_en": "Social skills group",
            "description": "Kelompok kecil untuk berlatih berkenalan, menyampaikan pendapat dan menyelesaikan konflik.",
            "description_en": "A small group to practise making friends, speaking up and resolving conflicts.",
            "audience": Audience.STUDENTS,
            "duration_minutes": 60,
            "places_per_session": 8,
            "location": "Gedung A, ruang serbaguna",
            "location_en": "Building A, multipurpose room",
        },
        "rule": recurrence.Rule(WEEKLY, byday=[recurrence.TH]),
        "start": "14:00",
    },
    {
        "service": "peer",
        "counselor": 0,
        "fields": {
            "slug": "lingkar-teman-sebaya",
            "kind": OfferingKind.GROUP,
            "title": "Lingkar teman sebaya",
            "title_en": "Peer support circle",
            "description": "Pertemuan mingguan yang dipandu teman sebaya terlatih dan didampingi konselor.",
            "description_en": "A weekly circle led by trained peers, with a counselor close by.",
            "audience": Audience.STUDENTS,
            "duration_minutes": 60,
            "places_per_session": 10,
            "location": "Perpustakaan, lantai 2",
            "location_en": "Library, second floor",
        },
        "rule": recurrence.Rule(WEEKLY, byday=[recurrence.TU]),
        "start": "15:00",
    },
    {
        "service": "psychosocial",
        "counselor": 2,
        "fields": {
            "slug": "sesi-keluarga",
            "kind": OfferingKind.GROUP,
            "title": "Sesi keluarga",
            "title_en": "Family session",
            "description": "Pertemuan dua minggu sekali untuk orang tua dan anak: saling mendengarkan dan pulih bersama.",
            "description_en": "A fortnightly meeting for parents and children to listen to each other and recover "
            "together.",
            "audience": Audience.FAMILIES,
            "duration_minutes": 90,
            "places_per_session": 6,
            "location": "Aula sekolah",
            "location_en": "School hall",
        },
        "rule": recurrence.Rule(WEEKLY, interval=2, byday=[recurrence.SA]),
        "start": "09:00",
    },
]


def create_booking_starter(*, program_pages_by_service):
    """Create what is missing; returns how many rows were created."""
    created = 0
    counselors = []
    for data in COUNSELORS:
        counselor, was_created = Counselor.objects.get_or_create(name=data["name"], defaults=data)
        counselors.append(counselor)
        created += was_created
    today = timezone.localdate()
    for data in OFFERINGS:
        if Offering.objects.filter(slug=data["fields"]["slug"]).exists():
            continue
        offering = Offering.objects.create(
            program_page=program_pages_by_service[data["service"]], **data["fields"]
        )
        counselor = counselors[data["counselor"]]
        offering.counselors.add(counselor)
        Schedule.objects.create(
            offering=offering,
            recurrences=recurrence.Recurrence(rrules=[data["rule"]]),
            start_time=data["start"],
            end_time=data.get("end"),
            valid_from=today,
            counselor=counselor,
        )
        created += 2
    return created
