from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Placeholder; replaced by the demo generator."

    def handle(self, *args, **options):
        pass
