using System.ComponentModel.DataAnnotations;
using FunctionsOrders.OrderFunctions.Intake;

namespace FunctionsOrders.OrderFunctions.Tests;

public sealed class IntakeOptionsTests
{
    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.050")]
    [InlineData("00:02:00")]
    public void ReadDeadline_out_of_range_fails_naming_the_key(string value)
    {
        var options = new IntakeOptions { ReadDeadline = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains("Orders:ReadDeadline", Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_valid()
    {
        var options = new IntakeOptions();

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true));
    }
}
