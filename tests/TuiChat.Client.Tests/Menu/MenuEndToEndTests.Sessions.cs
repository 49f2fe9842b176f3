namespace TuiChat.Client.Tests.Menu;

/// <summary>One account logged in twice (a laptop and a phone), through the real binaries.</summary>
public sealed partial class MenuEndToEndTests
{
    [Fact]
    public async Task AnAccountLoggedInTwice_GetsItsDirectMessagesAndItsOwnLinesInBothClients()
    {
        int port = await StartServerAsync();
        var password = new Dictionary<string, string> { ["ALICE_PASSWORD"] = "alice-password-123" };
        ConsoleProcess laptop = await StartMenuClientAsync(port, "alice", password, "--password-env", "ALICE_PASSWORD", "--register");
        ConsoleProcess phone = await StartMenuClientAsync(port, "alice", password, "--password-env", "ALICE_PASSWORD");
        ConsoleProcess bob = await StartMenuClientAsync(port, "bob");

        bob.Send("2");
        bob.Send("alice");
        bob.Send("olá alice, tudo bem? 👋🏽");
        await laptop.WaitForAsync(@"^\[@bob\] \d\d:\d\d \[plain\] bob: olá alice, tudo bem\? 👋🏽$");
        await phone.WaitForAsync(@"^\[@bob\] \d\d:\d\d \[plain\] bob: olá alice, tudo bem\? 👋🏽$");

        laptop.Send("2");
        laptop.Send("bob");
        laptop.Send("sim, e tu? (do portátil)");
        await bob.WaitForAsync(@"^\[@alice\] \d\d:\d\d alice: sim, e tu\? \(do portátil\)$");
        await phone.WaitForAsync(@"^\[@bob\] \d\d:\d\d \[plain\] alice: sim, e tu\? \(do portátil\)$");

        phone.Send("1");
        phone.Send("#general");
        phone.Send("do telemóvel 📱");
        await laptop.WaitForAsync(@"^\[#general\] \d\d:\d\d alice: do telemóvel 📱$");
        await bob.WaitForAsync(@"^\[#general\] \d\d:\d\d alice: do telemóvel 📱$");

        // The laptop quits; alice is still online on the phone: bob is told nothing.
        laptop.CloseInput();
        Assert.Equal(0, await laptop.WaitForExitAsync());
        phone.Send("1");
        phone.Send("#general");
        phone.Send("ainda aqui");
        await bob.WaitForAsync(@"^\[#general\] \d\d:\d\d alice: ainda aqui$");
        Assert.DoesNotContain("alice quit", bob.Output, StringComparison.Ordinal);

        phone.CloseInput();
        bob.CloseInput();
        Assert.Equal(0, await phone.WaitForExitAsync());
        Assert.Equal(0, await bob.WaitForExitAsync());
    }
}
