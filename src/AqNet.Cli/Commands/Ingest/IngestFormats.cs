namespace AqNet.Cli.Commands;

/// <summary>Which column options an ingest format takes.</summary>
internal enum ColumnOptions { None, Long, Wide }

/// <summary>One `aqnet ingest FORMAT` subcommand: its help text says which columns it expects.</summary>
internal sealed record IngestFormat(string Name, string Description, ColumnOptions Columns, bool StationLists = true);

internal static class IngestFormats
{
    public static readonly IngestFormat[] All =
    [
        new("prsa", "UCI Beijing Multi-Site files (PRSA_Data_*.csv, zips too). Columns: No,year,month,day,hour (Beijing time, UTC+8; " +
            "the hour's value ends then),PM2.5,PM10,SO2,NO2,CO,O3 (µg/m³),TEMP,PRES,DEWP,RAIN,wd (16-point compass),WSPM,station; NA or empty = missing. " +
            "Station list: stations.csv beside the input (station,longitude,latitude[,name_zh]).", ColumnOptions.None),
        new("cnemc", "CNEMC national network daily files (quotsoft china_sites_YYYYMMDD.csv). Columns: date,hour,type, then one column per " +
            "station code; the types PM2.5,PM10,SO2,NO2,O3 (µg/m³) and CO (mg/m³, stored as µg/m³) are read, the others (AQI, *_24h, O3_8h) " +
            "skipped; Beijing time. Station lists: NewSiteList.csv and station_info.csv beside the input (recognised by their headers) " +
            "are merged; a list of another layout needs --station-columns.", ColumnOptions.None),
        new("bjmemc", "Beijing network daily files (quotsoft beijing_all_YYYYMMDD.csv, beijing_extra_YYYYMMDD.csv). Columns: date,hour,type, " +
            "then one column per station's Chinese name; Beijing time. Station list (required, it maps the names): stations.csv with " +
            "name_zh,station_id,longitude,latitude[,station_type].", ColumnOptions.None),
        new("long", "Any long table (.csv, .txt, .tsv, .gz): one row per station, time[, variable] and value, the columns named by the options " +
            "below (defaults station,time,value) or by a preset: epa (site_key,poc,datetime_utc,value + sites.csv), openaq (OpenAQ's " +
            "archive: location_id,sensors_id,location,datetime,lat,lon,parameter,units,value), openaq-v2 (location,city,country,utc,local," +
            "parameter,value,unit,latitude,longitude), eea (the EEA download service: Samplingpoint,Pollutant,Start,End,Value,Unit,AggType," +
            "Validity,Verification). Times are UTC unless --time-zone or the time carries its zone; values are µg/m³ unless --unit or a unit " +
            "column. Rows with every cell empty are skipped. Station list: sites.csv or stations.csv beside the input (station,longitude," +
            "latitude), or --stations with --station-columns.", ColumnOptions.Long),
        new("wide", "A wide table (.csv, .txt, .tsv, .gz): a time column (--time-column) and one column per station, its name the station id, " +
            "every value of one --variable (e.g. AQI-36's pm25_ground.txt: datetime,001001,001002,...). Empty cells, NA and NaN are missing; " +
            "rows with every cell empty are skipped. Station list: sites.csv or stations.csv beside the input (station,longitude,latitude), " +
            "or --stations with --station-columns.", ColumnOptions.Wide),
        new("aqi36", "The AQI-36 benchmark folder: pm25_ground.txt and pm25_missing.txt (datetime,<36 station ids>; yyyy/MM/dd HH:mm:ss, " +
            "Beijing time; µg/m³) and pm25_latlng.txt (sensor_id,latitude,longitude). The benchmark's evaluation points (observed in the " +
            "ground table, empty in the missing one) are kept as flags.", ColumnOptions.None, StationLists: false),
    ];
}
