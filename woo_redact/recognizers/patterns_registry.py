"""The pattern recognizers (everything but person names), in registration order."""

from __future__ import annotations

from .address import NlAddressRecognizer, NlPostcodeRecognizer
from .client_numbers import NlClientNumberRecognizer, NlFileReferenceRecognizer
from .contact import NlEmailRecognizer, NlPhoneRecognizer
from .dates import NlDateOfBirthRecognizer
from .devices import ImeiRecognizer, PaymentCardRecognizer
from .identifiers import (
    NlBsnRecognizer,
    NlIbanRecognizer,
    NlIdDocumentRecognizer,
    NlKvkNumberRecognizer,
    NlPersonnelNumberRecognizer,
    NlVNumberRecognizer,
)
from .law_enforcement import (
    NlInformantCodeRecognizer,
    NlInvestigationNameRecognizer,
    NlInvestigativeMethodRecognizer,
    NlParketnummerRecognizer,
    NlPoliceReferenceRecognizer,
)
from .online import PersonalUrlRecognizer, UserNameRecognizer
from .network import IpAddressRecognizer
from .personal_details import NlBirthPlaceRecognizer, NlNationalityRecognizer
from .vehicles import NlLicensePlateRecognizer

PATTERN_RECOGNIZERS: list[type] = [
    NlEmailRecognizer,
    NlPhoneRecognizer,
    NlBsnRecognizer,
    NlIbanRecognizer,
    NlVNumberRecognizer,
    NlIdDocumentRecognizer,
    NlPersonnelNumberRecognizer,
    NlKvkNumberRecognizer,
    NlClientNumberRecognizer,
    NlFileReferenceRecognizer,
    NlAddressRecognizer,
    NlPostcodeRecognizer,
    NlDateOfBirthRecognizer,
    NlBirthPlaceRecognizer,
    NlNationalityRecognizer,
    NlLicensePlateRecognizer,
    NlParketnummerRecognizer,
    NlPoliceReferenceRecognizer,
    NlInvestigationNameRecognizer,
    NlInformantCodeRecognizer,
    NlInvestigativeMethodRecognizer,
    ImeiRecognizer,
    PaymentCardRecognizer,
    UserNameRecognizer,
    PersonalUrlRecognizer,
    IpAddressRecognizer,
]
