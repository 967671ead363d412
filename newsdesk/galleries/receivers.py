from newsdesk.core.redirects import redirect_on_url_change

from .models import Gallery

redirect_on_url_change(Gallery)
