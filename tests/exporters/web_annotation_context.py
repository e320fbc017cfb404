"""The terms of the W3C Web Annotation JSON-LD context (http://www.w3.org/ns/anno.jsonld)
that our export uses, with the IRIs the Web Annotation Vocabulary (W3C Recommendation,
23 February 2017) gives them — for expanding offline (the tests have no network).

Only the terms the export writes are here: a term we start writing without adding it
makes the expansion test fail (pyld drops a term it does not know), which is the point.
"""

OA, DCTERMS, AS = "http://www.w3.org/ns/oa#", "http://purl.org/dc/terms/", \
    "http://www.w3.org/ns/activitystreams#"

TERMS = {
    "oa": OA, "dcterms": DCTERMS, "as": AS, "dc": "http://purl.org/dc/elements/1.1/",
    "foaf": "http://xmlns.com/foaf/0.1/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "id": {"@type": "@id", "@id": "@id"},
    "type": {"@type": "@id", "@id": "@type"},
    "Annotation": "oa:Annotation",
    "TextualBody": "oa:TextualBody",
    "TextQuoteSelector": "oa:TextQuoteSelector",
    "TextPositionSelector": "oa:TextPositionSelector",
    "Person": "foaf:Person",
    "AnnotationCollection": "as:OrderedCollection",
    "AnnotationPage": "as:OrderedCollectionPage",
    "commenting": "oa:commenting",
    "tagging": "oa:tagging",
    "body": {"@type": "@id", "@id": "oa:hasBody"},
    "target": {"@type": "@id", "@id": "oa:hasTarget"},
    "source": {"@type": "@id", "@id": "oa:hasSource"},
    "selector": {"@type": "@id", "@id": "oa:hasSelector"},
    "creator": {"@type": "@id", "@id": "dcterms:creator"},
    "motivation": {"@type": "@vocab", "@id": "oa:motivatedBy"},
    "purpose": {"@type": "@vocab", "@id": "oa:hasPurpose"},
    "items": {"@type": "@id", "@id": "as:items", "@container": "@list"},
    "first": {"@type": "@id", "@id": "as:first"},
    "format": "dc:format",
    "created": "dcterms:created",
    "modified": "dcterms:modified",
    "generated": "dcterms:issued",
    "value": "rdf:value",
    "start": "oa:start",
    "end": "oa:end",
    "exact": "oa:exact",
    "prefix": "oa:prefix",
    "suffix": "oa:suffix",
    "name": "foaf:name",
    "label": "rdfs:label",
    "total": "as:totalItems",
    "startIndex": "as:startIndex",
}
