using Habeas.Core.Custody;
using static Habeas.Core.Custody.CustodyStatus;

namespace Habeas.Core.Tests;

public class CustodyStatusesTests
{
    [Fact]
    public void Code_GivesTheApiCodes_InTheDocumentedOrder()
    {
        Assert.Equal(
            [
                "free",
                "police-custody",
                "pre-trial-detention",
                "serving-sentence",
                "administrative-detention",
                "house-arrest",
                "bail",
                "suspended-sentence",
                "exile",
                "disappeared",
                "deceased",
            ],
            CustodyStatuses.All.Select(CustodyStatuses.Code)
        );
    }

    [Fact]
    public void TryParse_ReadsBackEveryCode()
    {
        foreach (var status in CustodyStatuses.All)
        {
            Assert.True(CustodyStatuses.TryParse(CustodyStatuses.Code(status), out var parsed));
            Assert.Equal(status, parsed);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Free")]
    [InlineData("police_custody")]
    [InlineData("PoliceCustody")]
    [InlineData("detained")]
    public void TryParse_RejectsAnythingButAnExactCode(string? code)
    {
        Assert.False(CustodyStatuses.TryParse(code, out _));
    }

    [Fact]
    public void IsDeprivedOfLiberty_TrueForDetentionStatusesOnly()
    {
        var deprived = CustodyStatuses.All.Where(CustodyStatuses.IsDeprivedOfLiberty);

        Assert.Equal([PoliceCustody, PreTrialDetention, ServingSentence, AdministrativeDetention, HouseArrest], deprived);
    }
}
