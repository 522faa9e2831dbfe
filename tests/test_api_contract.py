"""Schemathesis generates requests from the OpenAPI description and checks the answers.

Every generated request must get a documented status, a body matching its schema, and never a
server error: the API keeps its published contract for any input.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from mia.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def contract_agency(agency):
    return agency


# Schemathesis calls the WSGI app directly, which closes connections at the end of each
# request as in production; that needs real transactions rather than a wrapping one.
@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_contract(case, contract_agency):
    # Schema-valid input may still break a business rule (an unknown service, a date range
    # back to front); those answers are 4xx with a documented code, so that check is off.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
