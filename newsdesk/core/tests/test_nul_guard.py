import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/suche/?q=Handy%00", "/api/v1/articles/?topic=a%00b"])
def test_a_nul_in_the_address_is_a_plain_400_not_a_server_error(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "ungültiges Zeichen" in response.content.decode()


@pytest.mark.django_db
def test_ordinary_addresses_pass(client):
    assert client.get("/suche/?q=Handy").status_code == 200
