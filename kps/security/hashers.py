"""The password hasher: Argon2id at the parameters OWASP's password storage guidance gives.

Django's own Argon2 parameters (100 MiB, 8 lanes) cost about as much CPU per login as its
PBKDF2 (about 0.2 s here); OWASP's (19 MiB, 2 passes, 1 lane), which it rates equal to
PBKDF2-SHA256 at 600 000 rounds, cost about 20 ms. When a whole region logs in on a Monday
morning, that is the difference between logins queueing behind each other and not.
Hashes made with other parameters or hashers still verify, and are rehashed at login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
