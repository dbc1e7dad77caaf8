package cn.zhenggai.rectification.organization;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads a seed file strictly (unknown keys are errors) and reports where it is broken in Chinese. */
public final class SeedYaml {

  private static final ObjectMapper MAPPER =
      new ObjectMapper(new YAMLFactory())
          .registerModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private SeedYaml() {}

  public static <T> T read(Path file, Class<T> type) {
    try {
      String text = Files.readString(file);
      MAPPER.readTree(text); // syntax first, so that a YAML error is not reported as a field's
      T value = MAPPER.readValue(text, type);
      if (value == null) {
        throw new SeedFileException(file + "：文件为空");
      }
      return value;
    } catch (NoSuchFileException e) {
      throw new SeedFileException(file + "：找不到文件");
    } catch (UnrecognizedPropertyException e) {
      throw new SeedFileException(
          file + location(e.getLocation()) + "：字段 " + path(e) + " 不是可识别的字段，可用字段："
              + e.getKnownPropertyIds());
    } catch (JsonMappingException e) {
      // a value our own types refuse (e.g. an unknown role) says why in Chinese; Jackson's own words are English
      String why = e.getCause() instanceof IllegalArgumentException refused ? refused.getMessage() : e.getOriginalMessage();
      throw new SeedFileException(file + location(e.getLocation()) + "：字段 " + path(e) + " 的值格式不正确（" + why + "）");
    } catch (JsonProcessingException e) {
      throw new SeedFileException(
          file + location(e.getLocation()) + "：YAML 格式错误（" + e.getOriginalMessage() + "）");
    } catch (IOException e) {
      throw new SeedFileException(file + "：无法读取文件（" + e.getMessage() + "）");
    }
  }

  private static String location(JsonLocation location) {
    return location == null || location.getLineNr() < 0 ? "" : " 第 " + location.getLineNr() + " 行";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + (ref.getIndex() + 1) + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
