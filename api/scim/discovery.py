"""The discovery endpoints' content (RFC 7644 §4): what the service supports, its resource
types and their schemas, built by scim2-models from the models in `api.scim.models`.

The extensions' `committee` attribute lists the caller's committees as its canonical values,
so a directory tool (or a conformance checker) offers the ones it may write to."""

from typing import Any

from scim2_models import (
    AuthenticationScheme,
    Bulk,
    ChangePassword,
    Context,
    ETag,
    Filter,
    Patch,
    ResourceType,
    Sort,
)
from scim2_models import ServiceProviderConfig as Config

from api.scim.access import Caller
from api.scim.errors import ScimError
from api.scim.models import (
    GROUP_EXTENSION,
    USER_EXTENSION,
    AncrageGroup,
    AncrageUser,
    Group,
    GroupResource,
    User,
    UserResource,
)
from api.scim.paging import MAX_COUNT

_CONFIG = Config(
    documentation_uri=None,
    patch=Patch(supported=True),
    bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
    filter=Filter(supported=True, max_results=MAX_COUNT),
    change_password=ChangePassword(supported=False),
    sort=Sort(supported=True),
    etag=ETag(supported=True),
    authentication_schemes=[
        AuthenticationScheme(
            type="oauthbearertoken",
            name="OAuth Bearer Token",
            description="A machine client's token (POST /api/v1/auth/token, grant_type="
            "client_credentials) with the members:read scope, and members:write to write; "
            "or a network administrator's.",
            primary=True,
        )
    ],
)

_QUERY = Context.RESOURCE_QUERY_RESPONSE


def config(base: str) -> dict[str, Any]:
    body = _CONFIG.model_dump(scim_ctx=_QUERY)
    body["meta"] = {
        "resourceType": "ServiceProviderConfig",
        "location": f"{base}/ServiceProviderConfig",
    }
    return body


def _requiring(resource_type: ResourceType, *schemas: str) -> ResourceType:
    # Every User has a committee and a role, every Group a committee: their extensions are
    # required.
    for extension in resource_type.schema_extensions or []:
        extension.required = str(extension.schema_) in schemas
    return resource_type


_RESOURCE_TYPES = {
    "User": _requiring(ResourceType.from_resource(UserResource), USER_EXTENSION),
    "Group": _requiring(ResourceType.from_resource(GroupResource), GROUP_EXTENSION),
}


def resource_types(base: str) -> list[dict[str, Any]]:
    return [resource_type(name, base) for name in _RESOURCE_TYPES]


def resource_type(name: str, base: str) -> dict[str, Any]:
    found = _RESOURCE_TYPES.get(name)
    if found is None:
        raise ScimError(404, f"No resource type {name}.")
    body = found.model_dump(scim_ctx=_QUERY)
    body["meta"] = {"resourceType": "ResourceType", "location": f"{base}/ResourceTypes/{name}"}
    return body


_MODELS = (User, AncrageUser, Group, AncrageGroup)


def schemas(caller: Caller, base: str) -> list[dict[str, Any]]:
    return [schema(str(model.__schema__), caller, base) for model in _MODELS]


def schema(schema_id: str, caller: Caller, base: str) -> dict[str, Any]:
    for model in _MODELS:
        if str(model.__schema__).lower() == schema_id.lower():
            body = model.to_schema().model_dump(scim_ctx=_QUERY)
            if model in (AncrageUser, AncrageGroup):
                _committees_as_canonical(body, caller)
            body["meta"] = {"resourceType": "Schema", "location": f"{base}/Schemas/{body['id']}"}
            return body
    raise ScimError(404, f"No schema {schema_id}.")


def _committees_as_canonical(body: dict[str, Any], caller: Caller) -> None:
    if caller.writable is None:
        return  # a network admin writes to every committee: too many to list
    for attribute in body["attributes"]:
        if attribute["name"] == "committee":
            attribute["canonicalValues"] = sorted(str(c) for c in caller.writable)
