import pytest
from newsletters.email_render import compose
from tests.newsletters.mail import full_update
@pytest.mark.django_db
def test_show(site_root, programme_manager):
    c = compose(full_update())
    open("/tmp/email.txt","w").write(c.text); open("/tmp/email.html","w").write(c.html)
