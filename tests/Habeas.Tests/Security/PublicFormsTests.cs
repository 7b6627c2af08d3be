using Habeas.Platform.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Habeas.Tests.Security;

/// <summary>The spam resistance of anonymous forms: a honeypot and a signed time the form was issued.</summary>
public sealed class PublicFormsTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly Clock _clock = new();
    private readonly IServiceProvider _services;

    public PublicFormsTests()
    {
        var services = new ServiceCollection();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        _services = services.BuildServiceProvider();
    }

    private DefaultHttpContext Post(Dictionary<string, StringValues> fields)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Form = new FormCollection(fields);
        return context;
    }

    private string Issued() => PublicForms.Issue(new DefaultHttpContext { RequestServices = _services });

    [Fact]
    public void AFormPostedAfterAPersonCouldFillIt_IsAccepted()
    {
        var issued = Issued();
        _clock.Now += TimeSpan.FromSeconds(30);
        Assert.Null(PublicForms.Check(Post(new() { [PublicForms.IssuedField] = issued, [PublicForms.HoneypotField] = "" })));
    }

    [Fact]
    public void AFormPostedAtOnce_IsTooFast()
    {
        var issued = Issued();
        _clock.Now += TimeSpan.FromMilliseconds(500);
        Assert.Equal(PublicForms.TooFast, PublicForms.Check(Post(new() { [PublicForms.IssuedField] = issued })));
    }

    [Fact]
    public void AFormOlderThanADay_HasExpired()
    {
        var issued = Issued();
        _clock.Now += TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1);
        Assert.Equal(PublicForms.Expired, PublicForms.Check(Post(new() { [PublicForms.IssuedField] = issued })));
    }

    [Fact]
    public void TheHoneypotFilled_OrTheTimeMissingOrForged_IsRefused()
    {
        var issued = Issued();
        _clock.Now += TimeSpan.FromSeconds(30);
        Assert.Equal(
            PublicForms.Refused,
            PublicForms.Check(Post(new() { [PublicForms.IssuedField] = issued, [PublicForms.HoneypotField] = "http://spam.example" }))
        );
        Assert.Equal(PublicForms.Refused, PublicForms.Check(Post(new())));
        Assert.Equal(PublicForms.Refused, PublicForms.Check(Post(new() { [PublicForms.IssuedField] = "1764662400000" })));
        Assert.Equal(PublicForms.Refused, PublicForms.Check(Post(new() { [PublicForms.IssuedField] = issued[..^4] + "AAAA" })));
    }
}
