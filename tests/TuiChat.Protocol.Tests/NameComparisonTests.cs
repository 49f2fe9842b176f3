namespace TuiChat.Protocol.Tests;

/// <summary>How names are compared: Unicode case folding for identity, a TR39 skeleton for look-alikes.</summary>
public class NameComparisonTests
{
    [Theory]
    [InlineData("ΟΔΥΣΣΕΥΣ", "οδυσσευς")]
    [InlineData("STRASSE", "straße")]
    [InlineData("groß", "GROSS")]
    [InlineData("Alice", "aLICE")]
    public void Key_IsUnicodeCaseFolding(string a, string b) => Assert.Equal(NameRules.Key(a), NameRules.Key(b));

    /// <summary>
    /// An ASCII name skips ICU: every ASCII character must key as ICU folds it. Put after a
    /// non-ASCII letter, the character goes through ICU, which gives the reference.
    /// </summary>
    [Fact]
    public void Key_OfEveryAsciiCharacter_IsIcusFolding()
    {
        for (char c = '\0'; c < 128; c++)
        {
            Assert.Equal(NameRules.Key("é" + c), "é" + NameRules.Key(c.ToString()));
        }
    }

    /// <summary>A name already in its key's form is the key itself: nothing allocated for every line's room.</summary>
    [Theory]
    [InlineData("#general")]
    [InlineData("alice")]
    public void Key_OfALowerCaseAsciiName_IsThatName(string name) => Assert.Same(name, NameRules.Key(name));

    [Theory]
    [InlineData("alice", "bob")]
    [InlineData("joão", "joana")]
    public void Key_KeepsDifferentNamesApart(string a, string b) => Assert.NotEqual(NameRules.Key(a), NameRules.Key(b));

    [Theory]
    [InlineData("\u0430dmin")] // Cyrillic а
    [InlineData("ADM\u0130N")] // Turkish dotted capital I
    [InlineData("adm\u0131n")] // dotless ı
    [InlineData("\uff41\uff44\uff4d\uff49\uff4e")] // fullwidth
    [InlineData("\U0001d41a\U0001d41d\U0001d426\U0001d422\U0001d427")] // mathematical bold
    [InlineData("\u0391dmin")] // Greek Α
    [InlineData("ADMIN")]
    public void LookAlike_CatchesAdminImpostors(string name) => Assert.True(NameRules.LookAlike(name, "admin"), NameRules.Skeleton(name));

    [Theory]
    [InlineData("\u0430lice")] // Cyrillic а
    [InlineData("\u0430l\u0456\u0441\u0435")] // Cyrillic а, і, с, е
    [InlineData("\uff41\uff4c\uff49\uff43\uff45")] // fullwidth
    public void LookAlike_CatchesAliceImpostors(string name) => Assert.True(NameRules.LookAlike(name, "alice"), NameRules.Skeleton(name));

    [Theory]
    [InlineData("alice", "alicia")]
    [InlineData("joão", "joana")]
    [InlineData("zoë", "zoe2")]
    public void LookAlike_KeepsDifferentNamesApart(string a, string b) => Assert.False(NameRules.LookAlike(a, b));

    [Theory]
    [InlineData("\uff41\uff44\uff4d\uff49\uff4e", "admin")]
    [InlineData("\U0001d41a\U0001d41d\U0001d426\U0001d422\U0001d427", "admin")]
    public void TryNormalizeUser_AppliesNfkc(string raw, string expected)
    {
        Assert.True(NameRules.TryNormalizeUser(raw, out string user, out _));
        Assert.Equal(expected, user);
    }

    [Theory]
    [InlineData("\u3164")]
    [InlineData("a\u3164")]
    [InlineData("\u115f\u115f")]
    [InlineData("bob\uffa0")]
    public void TryNormalizeUser_RefusesHangulFillers(string name) => Assert.False(NameRules.TryNormalizeUser(name, out _, out _));

    [Theory]
    [InlineData("invoice\u202efdp.exe")]
    [InlineData("a\u202ab.txt")]
    [InlineData("a\u2066b.txt")]
    [InlineData("a\u2069b.txt")]
    [InlineData("a\u200bb.txt")]
    [InlineData("a\u200db.txt")]
    [InlineData("a\ufeffb.txt")]
    public void TryValidateFileName_RefusesBidiAndZeroWidth(string name)
    {
        Assert.False(NameRules.TryValidateFileName(name, out string error));
        Assert.Contains("invisible", error);
    }
}
