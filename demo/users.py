"""The demo region's accounts, one per role. Demo only: the passwords are public."""

DEMO_USERS = [
    {"username": "ledare", "password": "demo-ledare", "role": "kps_leader", "label": "KPS-ledare"},
    {"username": "chef", "password": "demo-chef", "role": "manager", "label": "Chef"},
    {"username": "omradeschef", "password": "demo-omradeschef", "role": "manager", "label": "Områdeschef"},
    {"username": "qulturum", "password": "demo-qulturum", "role": "qulturum", "label": "Qulturum"},
    {"username": "admin", "password": "demo-admin", "role": "admin", "label": "Administratör"},
]
