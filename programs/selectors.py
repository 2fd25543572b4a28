from programs.models import ProgramPage


def program_pages_for_locale(*, locale):
    """The live, public program pages of one language, in their page-tree order."""
    return list(
        ProgramPage.objects.live().public().filter(locale=locale).order_by("path").defer_streamfields()
    )
