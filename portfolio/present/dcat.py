"""`catalog.jsonld`: DCAT-AP-NO metadata (JSON-LD) of the open-data package
(portfolio.present.open_data), what the national data catalogue
(data.norge.no) harvests. One catalog holding one dataset with the fields
DCAT-AP-NO makes mandatory (title, description, publisher named by its
organisation number URI in Enhetsregisteret, contact point, theme) and a
distribution per table and format (access URL, format and media type as IANA
media type URIs, licence). Addresses are absolute when the published
folder's address is known (`--base-url`), else relative to the package's
folder, where catalog.jsonld is.
"""

from __future__ import annotations

from portfolio.present.open_data import DataFile, Settings, dataset_description, table_title, url_in_package
from portfolio.store.public import PublicData
from portfolio.texts import publish as T

THEME = "http://publications.europa.eu/resource/authority/data-theme/GOVE"  # government and public sector
LANGUAGE = "http://publications.europa.eu/resource/authority/language/NOB"
ACCESS_PUBLIC = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
IANA = "https://www.iana.org/assignments/media-types/{media_type}"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def catalog(data: PublicData, files: list[DataFile], settings: Settings, base_url: str | None = None) -> dict:
    """DCAT-AP-NO metadata (JSON-LD) of the package: a catalog holding one
    dataset with a distribution per table and format."""
    source = data.source
    modified = {"@value": source.created.date().isoformat(), "@type": "xsd:date"}
    publisher = {"@id": settings.publisher_uri, "@type": "foaf:Agent",
                 "foaf:name": settings.publisher_name, "dct:identifier": settings.organisation_number}
    contact = {"@type": "vcard:Organization", "vcard:fn": settings.contact_name,
               "vcard:hasEmail": {"@id": f"mailto:{settings.contact_email}"}}
    licence = {"@id": settings.licence_uri, "@type": "dct:LicenseDocument"}
    distributions = []
    for f in files:
        if f.table is None:
            continue
        url = url_in_package(f.name, base_url)
        distributions.append({
            "@id": f"{url_in_package('catalog.jsonld', base_url)}#{f.name}",
            "@type": "dcat:Distribution",
            "dct:title": {"@value": T.RESOURCE_TITLE.format(table=table_title(f.table), format=f.format),
                          "@language": "nb"},
            "dct:description": {"@value": T.TABLE_DESCRIPTIONS.get(f.table, table_title(f.table)), "@language": "nb"},
            "dcat:accessURL": {"@id": url},
            "dcat:downloadURL": {"@id": url},
            "dct:format": {"@id": IANA.format(media_type=f.media_type)},
            "dcat:mediaType": {"@id": IANA.format(media_type=f.media_type)},
            "dct:license": licence,
            "dcat:byteSize": {"@value": str(len(f.content)), "@type": "xsd:nonNegativeInteger"},
            "dct:modified": modified,
        })
    here = url_in_package("catalog.jsonld", base_url)
    dataset = {
        "@id": f"{here}#datasett",
        "@type": "dcat:Dataset",
        "dct:identifier": f"{here}#datasett",
        "dct:title": {"@value": T.DATASET_TITLE, "@language": "nb"},
        "dct:description": {"@value": dataset_description(data), "@language": "nb"},
        "dct:publisher": publisher,
        "dcat:contactPoint": contact,
        "dcat:theme": {"@id": THEME},
        "dcat:keyword": [{"@value": k, "@language": "nb"} for k in T.KEYWORDS],
        "dct:language": {"@id": LANGUAGE},
        "dct:accessRights": {"@id": ACCESS_PUBLIC},
        "dct:modified": modified,
        "dct:conformsTo": {"@id": url_in_package("datapackage.json", base_url)},
        "dcat:distribution": distributions,
    }
    return {
        "@context": CONTEXT,
        "@id": f"{here}#katalog",
        "@type": "dcat:Catalog",
        "dct:title": {"@value": T.CATALOG_TITLE, "@language": "nb"},
        "dct:description": {"@value": T.CATALOG_DESCRIPTION, "@language": "nb"},
        "dct:publisher": publisher,
        "dct:license": licence,
        "dct:language": {"@id": LANGUAGE},
        "dct:modified": modified,
        "dcat:dataset": [dataset],
    }
