using FunctionsOrders.OrderFunctions.Intake;

namespace FunctionsOrders.OrderFunctions.Tests;

public sealed class OrderValidatorTests
{
    private static readonly OrderRequestLine GoodLine = new("SKU-1", 2, 19.99m);

    [Fact]
    public void Valid_order_becomes_a_command_with_an_exact_total_in_minor_units()
    {
        var errors = new ValidationErrors();

        var command = OrderValidator.Validate(new OrderRequest("cust-42", "EUR", [GoodLine, new("SKU-2", 1, 0.01m)]), "key-1", errors);

        Assert.True(errors.IsEmpty);
        Assert.NotNull(command);
        Assert.Equal(3999, command.TotalMinor);
        Assert.Equal([1999L, 1L], command.Lines.Select(l => l.UnitPriceMinor));
        Assert.Equal("key-1", command.IdempotencyKey);
    }

    [Theory]
    [InlineData(null, "customerId")]
    [InlineData("", "customerId")]
    [InlineData(" padded", "customerId")]
    [InlineData("tab\there", "customerId")]
    public void Customer_id_must_be_1_to_64_plain_characters(string? customerId, string field) =>
        AssertInvalid(new OrderRequest(customerId, "EUR", [GoodLine]), field);

    [Fact]
    public void Customer_id_longer_than_64_is_refused() =>
        AssertInvalid(new OrderRequest(new string('c', 65), "EUR", [GoodLine]), "customerId");

    [Theory]
    [InlineData(null)]
    [InlineData("eur")]
    [InlineData("XXX")]
    [InlineData("EURO")]
    public void Currency_must_be_a_supported_iso_code(string? currency) =>
        AssertInvalid(new OrderRequest("c", currency, [GoodLine]), "currency");

    [Fact]
    public void Items_must_number_1_to_100()
    {
        AssertInvalid(new OrderRequest("c", "EUR", []), "items");
        AssertInvalid(new OrderRequest("c", "EUR", null), "items");
        AssertInvalid(new OrderRequest("c", "EUR", Enumerable.Repeat(GoodLine, 101).ToList()), "items");
        Assert.NotNull(OrderValidator.Validate(new OrderRequest("c", "EUR", Enumerable.Repeat(GoodLine, 100).ToList()), null, new ValidationErrors()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Sku_is_required(string? sku) =>
        AssertInvalid(new OrderRequest("c", "EUR", [GoodLine with { Sku = sku }]), "items[0].sku");

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(1001L)]
    [InlineData(null)]
    public void Quantity_must_be_1_to_1000(long? quantity) =>
        AssertInvalid(new OrderRequest("c", "EUR", [GoodLine with { Quantity = quantity }]), "items[0].quantity");

    [Theory]
    [InlineData("0", "EUR")]
    [InlineData("-1", "EUR")]
    [InlineData("19.999", "EUR")]
    [InlineData("1.5", "JPY")]
    [InlineData("0.0001", "KWD")]
    public void Unit_price_must_be_positive_with_no_more_decimals_than_the_currency_allows(string price, string currency) =>
        AssertInvalid(new OrderRequest("c", currency, [GoodLine with { UnitPrice = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture) }]), "items[0].unitPrice");

    [Fact]
    public void Unit_price_in_another_currency_is_refused() =>
        AssertInvalid(new OrderRequest("c", "EUR", [GoodLine with { UnitPriceCurrency = "USD" }]), "items[0].unitPrice");

    [Fact]
    public void Total_beyond_int64_minor_units_is_refused()
    {
        var huge = new OrderRequestLine("SKU", 1000, 92_233_720_368_547_758m);

        AssertInvalid(new OrderRequest("c", "EUR", [huge, huge]), "items");
    }

    [Fact]
    public void Every_broken_rule_is_reported_at_once()
    {
        var errors = new ValidationErrors();

        OrderValidator.Validate(new OrderRequest(null, "XXX", [new OrderRequestLine(null, 0, 0m)]), null, errors);

        Assert.Equal(["currency", "customerId", "items[0].quantity", "items[0].sku", "items[0].unitPrice"], errors.ByField.Keys);
    }

    [Theory]
    [InlineData("abc-123", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("ünïcode", false)]
    public void Idempotency_key_is_1_to_64_printable_ascii(string key, bool valid)
    {
        Assert.Equal(valid, OrderValidator.IsValidIdempotencyKey(key));
        Assert.False(OrderValidator.IsValidIdempotencyKey(new string('k', 65)));
    }

    private static void AssertInvalid(OrderRequest request, string field)
    {
        var errors = new ValidationErrors();

        Assert.Null(OrderValidator.Validate(request, null, errors));
        Assert.Contains(field, errors.ByField.Keys);
    }
}
