using TuiChat.Server.Chat;

namespace TuiChat.Server.Tests.Chat;

public class HighlightsTests
{
    [Theory]
    [InlineData("alice: lunch?")]
    [InlineData("hi Alice!")]
    [InlineData("@ALICE look")]
    [InlineData("thanks alice.")]
    [InlineData("alice")]
    [InlineData("(alice) and bob")]
    [InlineData("malice, alice")] // the second one counts
    [InlineData("olá alice 👋")]
    public void AWholeWordName_InAnyCase_IsAHighlight(string text)
    {
        Assert.True(Highlights.MentionsName(text, "alice"));
    }

    [Theory]
    [InlineData("malice")]
    [InlineData("alice2 is here")]
    [InlineData("alice_b")]
    [InlineData("alice-bot said")]
    [InlineData("see alice.b")]
    [InlineData("bob.alice")]
    [InlineData("nobody here")]
    [InlineData("ali ce")]
    public void ThePartOfALongerName_IsNoHighlight(string text)
    {
        Assert.False(Highlights.MentionsName(text, "alice"));
    }

    [Fact]
    public void NamesWithDotsAndLetters_FromOtherScripts_MatchWhole()
    {
        Assert.True(Highlights.MentionsName("ping al.ice!", "al.ice"));
        Assert.True(Highlights.MentionsName("oi João, tudo bem?", "joão"));
        Assert.False(Highlights.MentionsName("oi Joãozinho", "joão"));
        Assert.True(Highlights.MentionsName("田中さん、田中", "田中"));
    }
}
