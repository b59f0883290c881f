using DuckDB.NET.Data;

namespace HealthKart.Benchmarks;

/// <summary>One SQL statement on a DuckDB connection, as both DuckDB peers run them.</summary>
internal static class DuckDbCommands
{
    public static void Execute(this DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(this DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
