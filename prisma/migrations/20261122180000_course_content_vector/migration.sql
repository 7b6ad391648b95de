-- Catalogue search ranks whole courses: one tsvector per course holding the course's own vector and
-- every lesson's vector (at weight C), so a query ranks at most one row per course instead of every lesson.
ALTER TABLE "Course" ADD COLUMN "contentVector" tsvector;
CREATE INDEX "Course_contentVector_idx" ON "Course" USING GIN ("contentVector");

CREATE AGGREGATE tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '');

CREATE FUNCTION course_content_vector(course_id text, own tsvector) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT coalesce(own, ''::tsvector) || coalesce((SELECT tsvector_agg(setweight(l."searchVector", 'C')) FROM "Lesson" l WHERE l."courseId" = course_id), ''::tsvector)
$$;

-- The course's own vector changes: recompute (runs after course_search_vector, alphabetically later).
CREATE FUNCTION course_content_vector_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."contentVector" := course_content_vector(NEW.id, NEW."searchVector");
  RETURN NEW;
END
$$;
CREATE TRIGGER course_search_vector_z_content BEFORE INSERT OR UPDATE OF title, summary, tags, category, "descriptionHtml" ON "Course"
  FOR EACH ROW EXECUTE FUNCTION course_content_vector_update();

-- A lesson changes: refresh its course.
CREATE FUNCTION lesson_course_content_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "Course" SET "contentVector" = course_content_vector(id, "searchVector") WHERE id = OLD."courseId";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW."courseId" <> OLD."courseId") THEN
    UPDATE "Course" SET "contentVector" = course_content_vector(id, "searchVector") WHERE id = NEW."courseId";
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER lesson_course_content_vector AFTER INSERT OR DELETE OR UPDATE OF title, summary, "bodyMarkdown", "courseId" ON "Lesson"
  FOR EACH ROW EXECUTE FUNCTION lesson_course_content_vector();

UPDATE "Course" SET "contentVector" = course_content_vector(id, "searchVector");
