using NSubstitute;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.ViewModels;

public sealed class InputLineTests : IDisposable
{
    private readonly ChatFixture _f = new();
    private readonly InputLineViewModel _input;

    public InputLineTests()
    {
        _input = _f.Chat.Input;
        _f.Joined("#general");
        _f.Joined("#games");
        _f.Joined("+gamers");
        _f.Raise(new JoinedEvent { Room = "#general", User = "bob" });
        _f.Raise(new JoinedEvent { Room = "#general", User = "bobby" });
        _f.Raise(new JoinedEvent { Room = "#general", User = "carol" });
    }

    public void Dispose() => _f.Dispose();

    private async Task Submit(string text)
    {
        _input.Text = text;
        await _input.SubmitAsync();
    }

    [Fact]
    public async Task Submit_ClearsTheLineAndRemembersIt()
    {
        await Submit("first");
        await Submit("second");

        Assert.Equal("", _input.Text);
        Assert.Equal(["first", "second"], _input.History);
    }

    [Fact]
    public async Task Up_InEmptyInput_RecallsLines_NewestFirst_AndDownGoesBack()
    {
        await Submit("first");
        await Submit("second");

        Assert.True(_input.RecallPrevious());
        Assert.Equal("second", _input.Text);
        Assert.True(_input.RecallPrevious());
        Assert.Equal("first", _input.Text);
        Assert.True(_input.RecallNext());
        Assert.Equal("second", _input.Text);
        Assert.True(_input.RecallNext());
        Assert.Equal("", _input.Text);
    }

    [Fact]
    public async Task Esc_ClearsTheLine_AndUpBringsItBack_UnsentAndWhole()
    {
        await Submit("first");
        _input.Text = "um rascunho longo que não quero perder 🙂";

        _input.Clear();

        Assert.Equal("", _input.Text);
        Assert.True(_input.RecallPrevious());
        Assert.Equal("um rascunho longo que não quero perder 🙂", _input.Text);
        Assert.True(_input.RecallPrevious());
        Assert.Equal("first", _input.Text);
        _input.Text = "";
        _input.Clear();
        Assert.Equal(["first", "um rascunho longo que não quero perder 🙂"], _input.History);
    }

    [Fact]
    public async Task Up_WithTypedText_LeavesItAlone()
    {
        await Submit("first");
        _input.Text = "draft";

        Assert.False(_input.RecallPrevious());
        Assert.Equal("draft", _input.Text);
    }

    [Fact]
    public void Tab_CompletesUserNames_AndCyclesThroughMatches()
    {
        _input.Text = "hi bo";

        Assert.True(_input.Complete());
        Assert.Equal("hi bob ", _input.Text);
        Assert.True(_input.Complete());
        Assert.Equal("hi bobby ", _input.Text);
        Assert.True(_input.Complete());
        Assert.Equal("hi bob ", _input.Text);
    }

    [Fact]
    public void Tab_CompletesRoomsAndGroups()
    {
        _input.Text = "/join #ga";
        Assert.True(_input.Complete());
        Assert.Equal("/join #games ", _input.Text);

        _input.Text = "+g";
        Assert.True(_input.Complete());
        Assert.Equal("+gamers ", _input.Text);
    }

    [Fact]
    public void Tab_CompletesCommands()
    {
        _input.Text = "/sh";
        Assert.True(_input.Complete());
        Assert.Equal("/shutdown ", _input.Text);
    }

    [Fact]
    public void Tab_WithNoMatch_ChangesNothing()
    {
        _input.Text = "zz";
        Assert.False(_input.Complete());
        Assert.Equal("zz", _input.Text);
    }

    [Fact]
    public async Task ALineOverTheByteLimit_StaysInTheInputWithANotice_AndIsNotSent()
    {
        string tooLong = new('é', 2049); // 4,098 bytes
        _input.Text = tooLong;
        Assert.Equal("4,098/4,096 bytes", _input.Counter);

        await _input.SubmitAsync();

        Assert.Equal(tooLong, _input.Text);
        Assert.Contains("2 bytes over", _input.Notice, StringComparison.Ordinal);
        await _f.Server.DidNotReceiveWithAnyArgs().SendMessageAsync(default!, default!);

        _input.Buffer.DeleteBack();
        Assert.Equal("", _input.Notice);
    }

    [Fact]
    public void TheCounter_AppearsOnlyNearTheLimit()
    {
        _input.Text = new string('a', 3000);
        Assert.Equal("", _input.Counter);

        _input.Text = new string('a', 3600);
        Assert.Equal("3,600/4,096 bytes", _input.Counter);
    }

    [Fact]
    public async Task AMultiLineMessage_IsSentAsOneMessage()
    {
        _input.Text = "line one\nline two\nline three";

        await _input.SubmitAsync();

        await _f.Server.Received(1).SendMessageAsync("#general", "line one\nline two\nline three", Arg.Any<CancellationToken>());
    }
}
