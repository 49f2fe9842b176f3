using System.Reflection;
using CommandLine;

namespace TuiChat.Client.Tests;

/// <summary>
/// Every command-line option of the client changes what the launcher builds: an option that is
/// parsed and then dropped (as --tls once was) fails here, including one added later.
/// </summary>
public sealed class ClientLauncherTests
{
    private const string PasswordVariable = "TUICHAT_TEST_PASSWORD";
    private const string OtherPasswordVariable = "TUICHAT_TEST_OTHER_PASSWORD";

    /// <summary>A value other than the default for each option; a new option needs one here.</summary>
    private static readonly Dictionary<string, string[]> Changed = new(StringComparer.Ordinal)
    {
        ["host"] = ["--host", "chat.example.org"],
        ["port"] = ["--port", "6001"],
        ["user"] = ["--user", "carol"],
        ["password-env"] = ["--password-env", OtherPasswordVariable],
        ["register"] = ["--register"],
        ["menu"] = ["--menu"],
        ["downloads"] = ["--downloads", "/tmp/elsewhere"],
        ["tls"] = ["--tls"],
        ["tls-fingerprint"] = ["--tls-fingerprint", new string('a', 64)],
        ["max-lines"] = ["--max-lines", "500"],
    };

    private static readonly Dictionary<string, string[]> Baseline = new(StringComparer.Ordinal)
    {
        ["user"] = ["--user", "alice"],
        ["password-env"] = ["--password-env", PasswordVariable],
    };

    /// <summary>
    /// Every option the launcher reads. --config and --server are read before it (they pick the
    /// file whose values become the other options): ClientConfigProcessTests runs the real binary with them.
    /// </summary>
    public static TheoryData<string> OptionNames()
    {
        var names = new TheoryData<string>();
        foreach (PropertyInfo property in typeof(ClientOptions).GetProperties().Where(p => !p.IsDefined(typeof(TuiChat.Cli.CommandLineOnlyAttribute))))
        {
            if (property.GetCustomAttribute<OptionAttribute>() is { } option)
            {
                names.Add(option.LongName);
            }
        }
        return names;
    }

    [Theory]
    [MemberData(nameof(OptionNames))]
    public void EveryOption_ChangesWhatTheLauncherBuilds(string option)
    {
        Assert.True(Changed.TryGetValue(option, out string[]? arguments), $"--{option} has no test value: add one to Changed");

        string before = Describe(PlanFor(Baseline));
        string after = Describe(PlanFor(new Dictionary<string, string[]>(Baseline) { [option] = arguments }));

        Assert.NotEqual(before, after);
    }

    [Fact]
    public void TlsFingerprint_ImpliesTls_AndCarriesThePin()
    {
        LaunchPlan plan = PlanFor(new Dictionary<string, string[]>(Baseline) { ["tls-fingerprint"] = ["--tls-fingerprint", new string('B', 64)] });

        Assert.True(plan.Tls);
        Assert.NotNull(plan.Connection.WrapStream);
        Assert.NotNull(plan.Pin);
    }

    [Fact]
    public void WithoutTls_TheConnectionIsPlain()
    {
        LaunchPlan plan = PlanFor(Baseline);

        Assert.False(plan.Tls);
        Assert.Null(plan.Connection.WrapStream);
    }

    private static LaunchPlan PlanFor(Dictionary<string, string[]> arguments)
    {
        ClientOptions options = new Parser().ParseArguments<ClientOptions>(arguments.Values.SelectMany(a => a)).Value;
        Assert.NotNull(options);
        var error = new StringWriter();
        LaunchPlan? plan = ClientLauncher.Plan(options, new StringReader(""), new StringWriter(), error, Read, canRunFullScreen: true);
        Assert.True(plan is not null, error.ToString());
        return plan;
    }

    private static string? Read(string variable) => variable switch
    {
        PasswordVariable => "password-one",
        OtherPasswordVariable => "password-two",
        _ => null,
    };

    /// <summary>Everything an option can change, as text.</summary>
    private static string Describe(LaunchPlan plan) => string.Join("|",
        plan.Connection.Host, plan.Connection.Port, plan.Connection.User, plan.Connection.Password, plan.Connection.Register,
        plan.Connection.WrapStream is not null, plan.Tls, plan.Pin?.ToString(), plan.Menu, plan.Settings.DownloadsFolder, plan.Settings.MaxLinesPerConversation);
}
