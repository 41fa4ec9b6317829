# The organisation's own pages (home, login) are mounted in kps/urls.py; the KPS
# programme page that used to live here is the rollout app's, at "inforande/".
app_name = "organisation"
urlpatterns = []
