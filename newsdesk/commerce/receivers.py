from newsdesk.core.redirects import redirect_on_url_change

from .models import Product

redirect_on_url_change(Product)
