using TuiChat.Server.Irc;

namespace TuiChat.Server.Tests.Irc;

/// <summary>LIST masks: <c>*</c>, <c>?</c>, case ignored, <c>!</c> for "does not match".</summary>
public sealed class IrcMaskTests
{
    [Theory]
    [InlineData("*", "#x", true)]
    [InlineData("#?", "#x", true)]
    [InlineData("#?", "#xy", false)]
    [InlineData("#A*B*c", "#axbyC", true)]
    [InlineData("#a*b*c", "#axbycz", false)]
    [InlineData("*b", "#abab", true)]
    [InlineData("*ab*ab", "#abxab", true)]
    [InlineData("#**", "#", true)]
    [InlineData("", "#a", false)]
    [InlineData("#café", "#CAFÉ", true)]
    [InlineData("!#a*", "#ab", false)]
    [InlineData("!#a*", "#ba", true)]
    public void Matches(string mask, string channel, bool matches) =>
        Assert.Equal(matches, new IrcMask(mask).Matches(channel));
}
