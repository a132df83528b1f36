namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>The rules an order must meet; every broken rule is reported against its field.</summary>
internal static class OrderValidator
{
    public const int MaxIdLength = 64;
    public const int MaxItems = 100;
    public const int MaxQuantity = 1000;

    public static PlaceOrderCommand? Validate(OrderRequest request, string? idempotencyKey, ValidationErrors errors)
    {
        CheckText(errors, "customerId", request.CustomerId);
        var currencyOk = Currencies.TryGetMinorDigits(request.Currency, out var digits);
        if (!currencyOk)
        {
            errors.Add("currency", request.Currency is null
                ? "is required"
                : $"'{request.Currency}' is not a supported ISO 4217 code ({Currencies.Supported})");
        }

        var items = request.Items;
        if (items is null || items.Count is 0 or > MaxItems)
        {
            errors.Add("items", $"must hold 1 to {MaxItems} items");
            items = items?.Count > MaxItems ? [] : items;
        }

        var lines = new List<PlaceOrderLine>(items?.Count ?? 0);
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var line = ValidateLine(items![i], $"items[{i}]", currencyOk ? request.Currency : null, digits, errors);
            if (line is not null)
            {
                lines.Add(line);
            }
        }

        if (!errors.IsEmpty)
        {
            return null;
        }

        if (!MoneyMath.TryTotal(lines.Select(l => (l.Quantity, l.UnitPriceMinor)), out var total))
        {
            errors.Add("items", "the order total does not fit in 64-bit minor units");
            return null;
        }

        return new PlaceOrderCommand(request.CustomerId!, request.Currency!, digits, lines, total, idempotencyKey);
    }

    /// <summary>An Idempotency-Key header value: 1–64 printable ASCII characters.</summary>
    public static bool IsValidIdempotencyKey(string key) =>
        key.Length is > 0 and <= MaxIdLength && key.All(c => c is >= '!' and <= '~');

    private static PlaceOrderLine? ValidateLine(OrderRequestLine item, string path, string? currency, int digits, ValidationErrors errors)
    {
        var before = errors.ByField.Count;
        CheckText(errors, path + ".sku", item.Sku);
        if (item.Quantity is not (>= 1 and <= MaxQuantity))
        {
            errors.Add(path + ".quantity", $"must be a whole number from 1 to {MaxQuantity}");
        }

        long unitMinor = 0;
        if (item.UnitPrice is not { } price || price <= 0)
        {
            errors.Add(path + ".unitPrice", "must be greater than zero");
        }
        else if (currency is not null && !MoneyMath.TryToMinor(price, digits, out unitMinor))
        {
            errors.Add(path + ".unitPrice", $"has more than {digits} decimal(s), the most {currency} allows, or is too large");
        }

        if (item.UnitPriceCurrency is { } lineCurrency && currency is not null && lineCurrency != currency)
        {
            errors.Add(path + ".unitPrice", $"is in {lineCurrency}, not the order's currency {currency}");
        }

        return errors.ByField.Count == before && currency is not null
            ? new PlaceOrderLine(item.Sku!, (int)item.Quantity!.Value, unitMinor)
            : null;
    }

    private static void CheckText(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxIdLength)
        {
            errors.Add(field, $"must be 1 to {MaxIdLength} characters");
        }
        else if (value.Any(char.IsControl) || value.Trim().Length != value.Length)
        {
            errors.Add(field, "must not hold control characters or leading or trailing spaces");
        }
    }
}
