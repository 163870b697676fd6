"""The machine clients' row of each matrix entry that differs from the rule in
`world.with_clients` (a client sees its bound committees and, outside its scopes, is refused
what a member would be refused): (client_own, client_foreign, client_noscope)."""

CLIENT_STATUSES: dict[str, tuple[int, int, int]] = {
    # In their scopes (members:read, members:write): people, terms, bodies. The own client acts as
    # the committee's admins do; the foreign one does not see the private committee; the one without
    # these scopes sees the committee but may not act (404 where the person is hidden).
    "DELETE /api/v1/bodies/{body_id}": (204, 404, 403),
    "GET /api/v1/bodies/{body_id}": (200, 404, 403),
    "GET /api/v1/committees/{committee_id}/bodies": (200, 404, 200),
    "GET /api/v1/committees/{committee_id}/bodies/{body_id}/composition": (200, 404, 403),
    "GET /api/v1/committees/{committee_id}/members": (200, 404, 403),
    "GET /api/v1/memberships/{membership_id}": (200, 404, 403),
    "GET /api/v1/people/{person_id}": (200, 404, 404),
    "GET /api/v1/people/{person_id}/memberships": (200, 404, 404),
    "PATCH /api/v1/bodies/{body_id}": (200, 404, 403),
    "PATCH /api/v1/memberships/{membership_id}": (200, 404, 403),
    "PATCH /api/v1/people/{person_id}": (200, 404, 404),
    "PUT /api/v1/people/by-external-id/{source}/{external_id}": (200, 404, 404),
    "POST /api/v1/committees/{committee_id}/bodies": (201, 404, 403),
    "POST /api/v1/committees/{committee_id}/members": (201, 404, 403),
    "POST /api/v1/committees/{committee_id}/members/import": (200, 404, 403),
    "POST /api/v1/memberships/{membership_id}/end": (200, 404, 403),
    "POST /api/v1/memberships/{membership_id}/renew": (201, 404, 403),
    "POST /api/v1/organisations": (201, 201, 403),
    "PUT /api/v1/committees/{committee_id}/bodies/{body_id}/composition/targets": (200, 404, 403),
    # What the committee shows to whoever sees it (its entry, history, relays, representatives;
    # lists filtered to what the caller may read).
    "GET /api/v1/committees/{committee_id}": (200, 404, 200),
    "GET /api/v1/committees/{committee_id}/deliverables": (200, 404, 200),
    "GET /api/v1/committees/{committee_id}/relays": (200, 404, 200),
    "GET /api/v1/committees/{committee_id}/status-history": (200, 404, 200),
    "GET /api/v1/committees/{committee_id}/work-programmes": (200, 404, 200),
    "GET /api/v1/contributions": (200, 200, 200),
    "GET /api/v1/hcts/representatives/{mandate_id}": (200, 404, 200),
    # Outside their scopes, the committee's work and liaison are hidden from a client as from a
    # stranger: 404.
    "DELETE /api/v1/actions/{action_id}": (404, 404, 404),
    "DELETE /api/v1/deliverables/{deliverable_id}": (404, 404, 404),
    "DELETE /api/v1/indicators/{indicator_id}": (404, 404, 404),
    "DELETE /api/v1/indicators/{indicator_id}/measurements/{measurement_id}": (404, 404, 404),
    "DELETE /api/v1/work-programmes/{programme_id}": (404, 404, 404),
    "GET /api/v1/actions/{action_id}": (404, 404, 404),
    "GET /api/v1/actions/{action_id}/deliverables": (404, 404, 404),
    "GET /api/v1/actions/{action_id}/indicators": (404, 404, 404),
    "GET /api/v1/contributions/{contribution_id}": (404, 404, 404),
    "GET /api/v1/deliverables/{deliverable_id}": (404, 404, 404),
    "GET /api/v1/indicators/{indicator_id}": (404, 404, 404),
    "GET /api/v1/indicators/{indicator_id}/measurements": (404, 404, 404),
    "GET /api/v1/work-programmes/{programme_id}": (404, 404, 404),
    "GET /api/v1/work-programmes/{programme_id}/actions": (404, 404, 404),
    "GET /api/v1/work-programmes/{programme_id}/board": (404, 404, 404),
    "GET /api/v1/work-programmes/{programme_id}/transitions": (404, 404, 404),
    "PATCH /api/v1/actions/{action_id}": (404, 404, 404),
    "PATCH /api/v1/deliverables/{deliverable_id}": (404, 404, 404),
    "PATCH /api/v1/indicators/{indicator_id}": (404, 404, 404),
    "PATCH /api/v1/work-programmes/{programme_id}": (404, 404, 404),
    "POST /api/v1/actions/{action_id}/deliverables": (404, 404, 404),
    "POST /api/v1/actions/{action_id}/indicators": (404, 404, 404),
    "POST /api/v1/contributions/{contribution_id}/transitions": (404, 404, 404),
    "POST /api/v1/indicators/{indicator_id}/measurements": (404, 404, 404),
    "POST /api/v1/work-programmes/{programme_id}/actions": (404, 404, 404),
    "POST /api/v1/work-programmes/{programme_id}/transitions": (404, 404, 404),
    # Webhooks: each client manages its own subscriptions (the target is client_own's); another
    # client's do not exist for it.
    "GET /api/v1/webhooks/subscriptions": (200, 200, 200),
    "POST /api/v1/webhooks/subscriptions": (201, 201, 201),
    "GET /api/v1/webhooks/subscriptions/{subscription_id}": (200, 404, 404),
    "PATCH /api/v1/webhooks/subscriptions/{subscription_id}": (200, 404, 404),
    "DELETE /api/v1/webhooks/subscriptions/{subscription_id}": (204, 404, 404),
    "GET /api/v1/webhooks/subscriptions/{subscription_id}/deliveries": (200, 404, 404),
    "POST /api/v1/webhooks/subscriptions/{subscription_id}/deliveries/{delivery_id}/replay": (
        202,
        404,
        404,
    ),
    # Never a client's: user profile, registration figures.
    "GET /api/v1/me": (403, 403, 403),
    "GET /api/v1/seminars/{seminar_id}/summary": (403, 403, 403),
}
