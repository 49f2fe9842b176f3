using System.Collections;

namespace TuiChat.Cli.Configuration;

/// <summary>
/// Reads every option from its <c>TUICHAT_…</c> environment variable (<see cref="OptionSpec.EnvironmentVariable"/>).
/// A switch takes true/false (or 1/0, yes/no); anything else is checked like a flag's value.
/// </summary>
public static class EnvironmentSettings
{
    public static IReadOnlyList<SettingValue> Read<TOptions>(IDictionary environment)
    {
        var values = new List<SettingValue>();
        foreach (OptionSpec option in OptionCatalog.Of<TOptions>().Where(o => !o.CommandLineOnly))
        {
            if (environment[option.EnvironmentVariable] is not string value)
            {
                continue;
            }

            string origin = "$" + option.EnvironmentVariable;
            if (!option.IsSwitch)
            {
                values.Add(SettingValue.Checked<TOptions>(option, [option.Flag, value], origin, $"\"{value}\""));
                continue;
            }

            bool? on = value.Trim().ToLowerInvariant() switch
            {
                "true" or "1" or "yes" => true,
                "false" or "0" or "no" or "" => false,
                _ => null,
            };
            values.Add(on is null
                ? throw new ConfigException($"{origin}: {option.ConfigKey}: expected {option.ValueKind}, got \"{value}\"")
                : new SettingValue(option, on.Value ? [option.Flag] : [], origin));
        }
        return values;
    }
}
