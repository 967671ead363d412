import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/articles/?topic=a%00b", "/api/v1/articles/?q=%00"])
def test_a_nul_in_an_api_address_is_a_plain_400_not_a_server_error(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "ungültiges Zeichen" in response.content.decode()


@pytest.mark.django_db
def test_ordinary_api_addresses_pass(client):
    assert client.get("/api/v1/articles/?q=Handy").status_code == 200
