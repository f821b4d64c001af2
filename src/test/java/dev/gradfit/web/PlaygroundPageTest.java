package dev.gradfit.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The playground's page and files are served at {@code /}, with the API key filter on, and revalidated by browsers. */
@SpringBootTest(properties = "gradfit.security.api-key=s3cret-key")
@AutoConfigureMockMvc
class PlaygroundPageTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void servesThePlaygroundAtTheRoot() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk()).andExpect(forwardedUrl("/index.html"));
        mvc.perform(get("/index.html"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(content().string(containsString("<title>gradfit playground</title>")))
                .andExpect(content().string(containsString("href=\"swagger-ui/index.html\"")))
                .andExpect(header().string("Cache-Control", "no-cache"));
    }

    @Test
    void servesThePageToAClientThatDoesNotAskForHtml() throws Exception {
        mvc.perform(get("/").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(forwardedUrl("/index.html"));
    }

    /** A 405 through the container's error page, which makes it a problem document on a real server. */
    @Test
    void refusesAnotherMethod() throws Exception {
        mvc.perform(post("/").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isMethodNotAllowed());
    }

    @Test
    void servesItsScriptsAndStylesWithoutTheApiKey() throws Exception {
        for (String script : new String[] {"charts", "data", "jobs", "classes", "playground"}) {
            mvc.perform(get("/playground/" + script + ".js"))
                    .andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith("text/javascript"))
                    .andExpect(content().string(containsString("\"use strict\";")))
                    .andExpect(header().string("Cache-Control", "no-cache"))
                    .andExpect(header().exists("Last-Modified"));
        }
        mvc.perform(get("/playground/playground.css"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/css"))
                .andExpect(content().string(containsString(":focus-visible")));
    }

    @Test
    void stillGuardsTheApi() throws Exception {
        mvc.perform(get("/api/v1/jobs")).andExpect(status().isUnauthorized());
    }

    @Test
    void answersAMissingFileWithANotFoundProblem() throws Exception {
        mvc.perform(get("/playground/missing.js"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }
}
