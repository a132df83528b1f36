#!/usr/bin/env python3
"""Asserts the security properties of the compiled templates (ARM JSON from `bicep build`).

Usage: bicep-security-check.py <main.json> [<parameters.json>]
Prints `ok: <what>` or `FAILED: <what>` per assertion and exits 1 when any failed.
"""
import json
import re
import sys

TABLE_DATA_CONTRIBUTOR = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"
failed = False


def check(what, condition):
    global failed
    print(("ok: " if condition else "FAILED: ") + what)
    failed = failed or not condition


def resources(template):
    found = template.get("resources", [])
    return list(found.values()) if isinstance(found, dict) else found


def of_type(template, type_name):
    return [r for r in resources(template) if r["type"].lower() == type_name.lower()]


def role_definition(template, assignment):
    """The role definition id of an assignment, with a variables('...') reference resolved."""
    text = assignment["properties"]["roleDefinitionId"]
    return re.sub(r"variables\('(\w+)'\)", lambda m: str(template.get("variables", {}).get(m.group(1))), text)


def child_name(resource):
    """Last segment of a child resource's name: '[format('{0}/{1}', parameters('name'), 'ftp')]' gives ftp."""
    match = re.search(r"'([^'/]+)'\)\]$", resource["name"])
    return match.group(1) if match else resource["name"].split("/")[-1]


def module(template, name):
    """The nested deployment `name` of the main template: its parameter values and its template."""
    matches = [r for r in of_type(template, "Microsoft.Resources/deployments") if r.get("name") == name]
    if len(matches) != 1:
        raise SystemExit(f"bicep-security-check: no single module deployment named {name}")
    properties = matches[0]["properties"]
    return {k: v.get("value") for k, v in properties["parameters"].items()}, properties["template"]


def main():
    main_template = json.load(open(sys.argv[1]))
    orders_params, orders_app = module(main_template, "order-functions")
    payments_params, payments_app = module(main_template, "payment-functions")
    bridge_params, bridge = module(main_template, "nats-bridge")
    order_storage_params, order_storage = module(main_template, "order-storage")
    payment_storage_params, payment_storage = module(main_template, "payment-storage")
    _, key_vault = module(main_template, "keyvault")

    # PaymentFunctions: private, reached through a private endpoint.
    site = of_type(payments_app, "Microsoft.Web/sites")[0]["properties"]
    check("PaymentFunctions publicNetworkAccess Disabled",
          payments_params.get("publicNetworkAccess") is False
          and site.get("publicNetworkAccess") == "[if(parameters('publicNetworkAccess'), 'Enabled', 'Disabled')]")
    endpoints = [r for r in of_type(payments_app, "Microsoft.Resources/deployments")
                 if r["properties"]["parameters"].get("groupId", {}).get("value") == "sites"]
    check("PaymentFunctions private endpoint (sites) when not public",
          len(endpoints) == 1 and endpoints[0].get("condition") == "[not(parameters('publicNetworkAccess'))]"
          and bool(payments_params.get("privateEndpointSubnetId")))

    # Both apps: HTTPS only, TLS 1.2, no FTP, no basic-auth publishing (the module has no plan condition on them).
    for label, app in (("OrderFunctions", orders_app), ("PaymentFunctions", payments_app)):
        props = of_type(app, "Microsoft.Web/sites")[0]["properties"]
        site_config = json.dumps(props.get("siteConfig"))
        check(f"{label} httpsOnly, minTlsVersion 1.2, ftpsState Disabled",
              props.get("httpsOnly") is True and "'minTlsVersion', '1.2'" in site_config
              and "'ftpsState', 'Disabled'" in site_config)
        policies = {child_name(r): r for r in of_type(app, "Microsoft.Web/sites/basicPublishingCredentialsPolicies")}
        check(f"{label} basic publishing credentials ftp and scm disabled on every plan",
              all(p in policies and policies[p]["properties"].get("allow") is False and "condition" not in policies[p]
                  for p in ("ftp", "scm")))

    # Storage: no shared keys, no public blobs, TLS 1.2, firewall default Deny; both accounts use the module.
    for label, template in (("orders", order_storage), ("payments", payment_storage)):
        account = of_type(template, "Microsoft.Storage/storageAccounts")[0]["properties"]
        check(f"storage ({label}) allowSharedKeyAccess false", account.get("allowSharedKeyAccess") is False)
        check(f"storage ({label}) allowBlobPublicAccess false, minimumTlsVersion TLS1_2, network default Deny",
              account.get("allowBlobPublicAccess") is False and account.get("minimumTlsVersion") == "TLS1_2"
              and account.get("networkAcls", {}).get("defaultAction") == "Deny")
    check("Elastic Premium gets no key-based content share setting",
          "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING" not in json.dumps(main_template) and "listKeys" not in json.dumps(orders_app))

    # Ledger: Storage Table Data Contributor only on the ledger table, only for PaymentFunctions' identity.
    grants = [r for r in of_type(payment_storage, "Microsoft.Authorization/roleAssignments")
              if TABLE_DATA_CONTRIBUTOR in role_definition(payment_storage, r)]
    check("ledger role (Storage Table Data Contributor) scoped to the table",
          len(grants) == 1 and "tableServices/tables" in grants[0].get("scope", ""))
    check("ledger table and its role only on PaymentFunctions' storage, for PaymentFunctions' identity",
          not order_storage_params.get("ledgerTableName") and payment_storage_params.get("ledgerTableName") == "[variables('ledgerTableName')]"
          and payment_storage_params["appIdentityId"] == payments_params["identityId"]
          and order_storage_params["appIdentityId"] == orders_params["identityId"])
    check("ledger reached by endpoint and identity, no ledger connection string",
          "Payments__Ledger__Endpoint" in json.dumps(payments_params) and "Payments__Ledger__Connection" not in json.dumps(main_template))

    # Key Vault: purge protection, firewall default Deny, secrets readable per secret only.
    vault = of_type(key_vault, "Microsoft.KeyVault/vaults")[0]["properties"]
    check("Key Vault enablePurgeProtection true", vault.get("enablePurgeProtection") is True)
    check("Key Vault network default Deny", vault.get("networkAcls", {}).get("defaultAction") == "Deny")
    vault_roles = of_type(key_vault, "Microsoft.Authorization/roleAssignments")
    check("Key Vault roles scoped to single secrets",
          len(vault_roles) > 0 and all("Microsoft.KeyVault/vaults/secrets" in r.get("scope", "") for r in vault_roles))

    # Each component its own identity.
    identities = [orders_params["identityId"], payments_params["identityId"], bridge_params["identityId"]]
    check("each component its own identity (orders, payments, bridge)",
          len(set(identities)) == 3 and len(of_type(main_template, "Microsoft.ManagedIdentity/userAssignedIdentities")) == 3)

    # Internal routes: both apps validate Entra ID tokens and admit only the bridge's identity.
    for label, params in (("OrderFunctions", orders_params), ("PaymentFunctions", payments_params)):
        settings = json.dumps(params["appSettings"])
        check(f"{label} admits only the bridge identity on its internal route",
              "'Auth__Mode', 'Jwt'" in settings
              and "'Auth__Internal__AllowedCallers__0', reference('bridgeIdentity').principalId" in settings
              and "Auth__Internal__AllowedCallers__1" not in settings)

    # Bridge: image pulled with its identity, no registry password or inline secret value.
    app = of_type(bridge, "Microsoft.App/containerApps")[0]["properties"]["configuration"]
    text = json.dumps(app)
    check("no registry password secret (registry pulled with the bridge identity)",
          "passwordSecretRef" not in text and "registry-password" not in text and "'identity', parameters('identityId')" in text
          and not any("password" in p.lower() and "registry" in p.lower() for p in bridge.get("parameters", {})))
    check("bridge secrets are Key Vault references only", "'value'" not in json.dumps(app.get("secrets")) and "keyVaultUrl" in text)

    if len(sys.argv) > 2:
        image = json.load(open(sys.argv[2]))["parameters"]["bridgeImage"]["value"]
        check("example bridgeImage pinned by digest (@sha256:)", "@sha256:" in image)

    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
